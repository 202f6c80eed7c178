// Types of pending-migrations.mjs for the TypeScript tests (npm start runs it as plain Node).
export function pendingMigrations(dbFile: string, journalFile: string): number;
