// Writes app/palette.css from lib/domain/palette.ts (`npm run palette:css`). The category
// colours are one TypeScript table (charts and exports read it too); pages get them as a
// stylesheet, bundled with globals.css once per build and cached by the browser, instead of
// a <style> the root layout wrote into every page's HTML and again into its RSC payload
// (10 of an empty /search's 22 KB, rendered on every request). tests/unit/palette.test.ts
// fails when the file differs from what this writes.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { paletteStylesheet } from "@/lib/domain/palette";

const file = path.join(process.cwd(), "app", "palette.css");
writeFileSync(file, paletteStylesheet());
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
