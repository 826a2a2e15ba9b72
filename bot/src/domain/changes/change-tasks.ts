// Recurring tasks whose outcome is a request for change: the catalog's daily watch of the cloud
// service's published IP ranges and URLs ends in "raise a change request" (the firewall and
// proxy rules must follow), so its digest line offers the button.
const RAISES_CHANGE = new Set(['cat-endpoints-watch']);

export function taskRaisesChange(scheduleId: string): boolean {
  return RAISES_CHANGE.has(scheduleId);
}
