import path from "node:path";
import { databasePath } from "../paths";
import { draftCommand } from "./command";

const result = draftCommand(process.argv.slice(2), { defaultDb: databasePath(), defaultOutDir: path.resolve("var", "drafts") });
(result.code === 0 ? console.log : console.error)(result.out);
process.exit(result.code);
