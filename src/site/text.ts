/**
 * Characters that XML 1.0 forbids (most C0 controls, U+FFFE/U+FFFF) and lone surrogates make feeds
 * unparseable and pages odd; every string from an article passes through here before a page or
 * feed sees it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/** The text with lone surrogates replaced and XML-forbidden characters removed. */
export function xmlSafeText(text: string): string {
  return text.toWellFormed().replace(XML_FORBIDDEN, "");
}
