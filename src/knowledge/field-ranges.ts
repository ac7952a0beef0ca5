/**
 * Numeric record fields that the header or Cilium type they were printed from bounds, by field
 * name. A value outside its range (port 70000, TTL 999, identity 2^40) was not printed by Cilium or
 * tcpdump: the line was damaged, and is kept unparsed with the range it breaks.
 */
export const FIELD_RANGES: readonly { field: RegExp; max: number; what: string }[] = [
  { field: /port$/i, max: 65_535, what: '16-bit port' },
  { field: /^(?:ttl|hopLimit)$/, max: 255, what: '8-bit TTL' },
  // NumericIdentity is a uint32 (pkg/identity/numericidentity.go).
  { field: /identity(?:Num)?$/i, max: 4_294_967_295, what: '32-bit security identity' },
];
