// The business date of "now" where a command may leave its date out: the date in the Netherlands,
// whose municipalities keep these books, not the server's or UTC's (near midnight they differ).
const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayInTheNetherlands(now: Date = new Date()): string {
  return DUTCH_DATE.format(now);
}
