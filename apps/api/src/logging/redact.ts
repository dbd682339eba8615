// Secrets a caller puts where they do not belong — a bearer token in the query string
// (`?access_token=gs_…`) — must not be written to the log or echoed in a problem's `instance`.
// The API never reads a token from a URL; this only keeps one out of the places a URL is copied to.

const REDACTED = '[redacted]';
/** Query parameters that name a secret, whatever their value looks like. */
const SECRET_PARAMETER = /([?&](?:access[_-]?token|token|api[_-]?key|apikey|key|secret|password|auth|authorization)=)[^&#]*/gi;
/** The ledger's API keys (`gs_<id>_<secret>`), also cut short or percent-encoded, anywhere in a text. */
const API_KEY = /gs_[A-Za-z0-9%_-]{8,}/g;

/** The URL with every secret-looking query value and every API key in it replaced. */
export function redactUrl(url: string): string {
  return redactText(url.replace(SECRET_PARAMETER, `$1${REDACTED}`));
}

/** Any text (a problem's detail) with every API key in it replaced. */
export function redactText(text: string): string {
  return text.replace(API_KEY, REDACTED);
}
