"use client";

import { type ReactNode, useMemo, useState } from "react";

export interface SortableColumn {
  key: string;
  label: string;
  numeric?: boolean;
}

export interface SortableRow {
  id: string;
  /** Per column: the value to sort by, and what to show (server-rendered content is fine). */
  cells: Record<string, { sort: string | number | null; display: ReactNode }>;
}

/**
 * A table whose column headers sort it (click or keyboard; aria-sort says the order).
 * Rendered on the server in its original order, so without JavaScript it is still the
 * same table, just not re-sortable.
 */
export function SortableTable({ columns, rows, caption, testId }: { columns: SortableColumn[]; rows: SortableRow[]; caption?: string; testId?: string }) {
  const [sort, setSort] = useState<{ key: string; dir: "ascending" | "descending" } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const factor = sort.dir === "ascending" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = a.cells[sort.key]?.sort ?? null;
      const y = b.cells[sort.key]?.sort ?? null;
      // Empty cells ("not given") sort last in both directions.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * factor;
    });
  }, [rows, sort]);

  return (
    <table data-testid={testId}>
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c) => {
            const active = sort?.key === c.key;
            return (
              <th key={c.key} scope="col" className={c.numeric ? "num" : undefined} aria-sort={active ? sort.dir : "none"}>
                <button
                  type="button"
                  className="sort-button"
                  data-testid={`sort-${c.key}`}
                  onClick={() => setSort(active && sort.dir === "ascending" ? { key: c.key, dir: "descending" } : { key: c.key, dir: "ascending" })}
                >
                  {c.label}
                  <span aria-hidden="true">{active ? (sort.dir === "ascending" ? " ▲" : " ▼") : " ↕"}</span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.id} data-row-id={r.id}>
            {columns.map((c) => (
              <td key={c.key} className={c.numeric ? "num" : undefined}>
                {r.cells[c.key]?.display ?? ""}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
