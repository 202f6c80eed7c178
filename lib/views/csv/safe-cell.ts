/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR before them) as a formula.
 * Text cells that look like that get a leading apostrophe; numbers stay numbers.
 */
export function safeCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
