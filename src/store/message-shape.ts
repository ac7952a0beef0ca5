const VARIABLE_PART = /[\d'"]/;

/**
 * A copy of `s` that does not share memory with the string it was cut from. Lines are slices of
 * the 1 MiB chunks the reader decodes; caching a slice would keep its whole chunk alive.
 */
export function ownedCopy(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/**
 * A message with its variable parts replaced by `#` (lnav's "message shape"), so that
 * `GROUP BY shape` groups lines of one kind: flags, quoted strings, addresses, ids, numbers.
 */
export function messageShape(msg: string): string {
  // Most messages are constant text: nothing below can match without a digit or a quote.
  if (!VARIABLE_PART.test(msg)) return msg;
  return msg
    .replace(/^(\s*)--[a-z0-9][a-z0-9._-]*='.*'$/, "$1--#='#'")
    .replace(/"(?:[^"\\]|\\.)*"/g, '"#"')
    .replace(/'[^']*'/g, "'#'")
    .replace(/\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?/g, '#')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?::\d+)?\b/g, '#')
    .replace(/(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:\/\d{1,3})?(?![\w:])/gi, '#')
    .replace(/\b0x[0-9a-f]+\b/gi, '#')
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{7,64}\b/g, '#')
    .replace(/\b\d+(?:\.\d+)*(?:[a-zµ]{1,3})?\b/g, '#');
}
