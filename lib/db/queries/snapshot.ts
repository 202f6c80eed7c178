import "server-only";

// Pages get their one-snapshot-per-request from React's render scope; a route handler
// wraps its body in this instead (lib/db/client.ts says why).
export { withSnapshot } from "@/lib/db/client";
