import { openSync, readSync, closeSync, statSync } from "node:fs";
import chardet from "chardet";

/** A plain-text article is a few hundred kilobytes at most; past this it is not an article. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export interface Paragraph {
  /** The project's locator number: ¶N is the N-th non-empty line of the file. */
  n: number;
  text: string;
}

export type ArticleRead = { ok: true; text: string; paragraphs: Paragraph[] } | { ok: false; message: string };

/** The project's paragraph rule (README, "Locators"): every non-empty line is one paragraph. */
export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() !== "") out.push({ n: out.length + 1, text: line.trim() });
  }
  return out;
}

/**
 * Reads an article for db:draft, refusing what is not plain UTF-8 text with a message that
 * says what the file is instead. The size is checked before reading, so a 50 MB file costs
 * nothing.
 */
export function readArticle(file: string, maxBytes = MAX_ARTICLE_BYTES): ArticleRead {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { ok: false, message: `${file} is not a file` };
    size = st.size;
  } catch {
    return { ok: false, message: `cannot read ${file}: no such file` };
  }
  if (size === 0) return { ok: false, message: `${file} is empty: there is no article to draft from` };
  if (size > maxBytes) {
    return {
      ok: false,
      message: `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; an article is expected to be under ${(maxBytes / 1024 / 1024).toFixed(0)} MB of plain text. Is this the right file?`,
    };
  }
  const buffer = Buffer.alloc(size);
  const fd = openSync(file, "r");
  try {
    readSync(fd, buffer, 0, size, 0);
  } finally {
    closeSync(fd);
  }

  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    return { ok: false, message: `${file} is UTF-16 text; save it as UTF-8 and run the draft again` };
  }
  if (buffer.includes(0)) {
    return { ok: false, message: `${file} is a binary file (it contains NUL bytes), not a plain-text article` };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    const guess = chardet.detect(buffer);
    return {
      ok: false,
      message: `${file} is not UTF-8 text${guess ? ` (it looks like ${guess})` : ""}; convert it to UTF-8 (for example \`iconv -f ${guess ?? "ENCODING"} -t UTF-8\`) and run the draft again`,
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Control characters other than tab and line breaks do not occur in an article.
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > 0) return { ok: false, message: `${file} holds ${controls} control character(s): it is not a plain-text article` };
  const paragraphs = paragraphsOf(text);
  if (paragraphs.length === 0) return { ok: false, message: `${file} has only blank lines: there is no article to draft from` };
  return { ok: true, text, paragraphs };
}
