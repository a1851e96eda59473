import type { CurrentUser } from "./users";

// Who a domain command acts for: the signed-in user (session or API token) whose role it checks,
// and, when a request carried it, the address the audit log records.

export interface Actor extends CurrentUser {
  ip?: string;
}
