/**
 * ICMP type/code names as gopacket prints an ICMPv4/ICMPv6 TypeCode, which is what Hubble's
 * summaries (`ICMPv4 EchoRequest`, `ICMPv6 DestinationUnreachable(PortUnreachable)`) and
 * `cilium monitor` dissections show. Printing rules: a known type without code names prints
 * `Type` for code 0 and `Type(Code: N)` otherwise; a known code prints `Type(Code)`; an unknown
 * code of a known type prints `Type(Code: N)`; an unknown type prints `T(C)`.
 */

interface IcmpTypeInfo {
  name: string;
  codes?: Readonly<Record<number, string>>;
}

type IcmpVersion = 4 | 6;

const ICMPV4: Readonly<Record<number, IcmpTypeInfo>> = {
  0: { name: 'EchoReply' },
  3: {
    name: 'DestinationUnreachable',
    codes: {
      0: 'Net', 1: 'Host', 2: 'Protocol', 3: 'Port', 4: 'FragmentationNeeded', 5: 'SourceRoutingFailed',
      6: 'NetUnknown', 7: 'HostUnknown', 8: 'SourceIsolated', 9: 'NetAdminProhibited', 10: 'HostAdminProhibited',
      11: 'NetTOS', 12: 'HostTOS', 13: 'CommAdminProhibited', 14: 'HostPrecedence', 15: 'PrecedenceCutoff',
    },
  },
  4: { name: 'SourceQuench' },
  5: { name: 'Redirect', codes: { 0: 'Net', 1: 'Host', 2: 'TOS+Net', 3: 'TOS+Host' } },
  8: { name: 'EchoRequest' },
  9: { name: 'RouterAdvertisement' },
  10: { name: 'RouterSolicitation' },
  11: { name: 'TimeExceeded', codes: { 0: 'TTLExceeded', 1: 'FragmentReassemblyTimeExceeded' } },
  12: { name: 'ParameterProblem', codes: { 0: 'PointerIndicatesError', 1: 'MissingOption', 2: 'BadLength' } },
  13: { name: 'TimestampRequest' },
  14: { name: 'TimestampReply' },
  15: { name: 'InfoRequest' },
  16: { name: 'InfoReply' },
  17: { name: 'AddressMaskRequest' },
  18: { name: 'AddressMaskReply' },
};

const ICMPV6: Readonly<Record<number, IcmpTypeInfo>> = {
  1: {
    name: 'DestinationUnreachable',
    codes: {
      0: 'NoRouteToDst', 1: 'AdminProhibited', 2: 'BeyondScopeOfSrc', 3: 'AddressUnreachable', 4: 'PortUnreachable',
      5: 'SrcAddressFailedPolicy', 6: 'RejectRouteToDst',
    },
  },
  2: { name: 'PacketTooBig' },
  3: { name: 'TimeExceeded', codes: { 0: 'HopLimitExceeded', 1: 'FragmentReassemblyTimeExceeded' } },
  4: { name: 'ParameterProblem', codes: { 0: 'ErroneousHeaderField', 1: 'UnrecognizedNextHeader', 2: 'UnrecognizedIPv6Option' } },
  128: { name: 'EchoRequest' },
  129: { name: 'EchoReply' },
  133: { name: 'RouterSolicitation' },
  134: { name: 'RouterAdvertisement' },
  135: { name: 'NeighborSolicitation' },
  136: { name: 'NeighborAdvertisement' },
  137: { name: 'Redirect' },
};

const TABLES: Readonly<Record<IcmpVersion, Readonly<Record<number, IcmpTypeInfo>>>> = { 4: ICMPV4, 6: ICMPV6 };

/** The TypeCode text gopacket prints for a type and code. */
export function icmpTypeCodeName(version: IcmpVersion, type: number, code: number): string {
  const info = TABLES[version][type];
  if (!info) return `${type}(${code})`;
  if (!info.codes) return code === 0 ? info.name : `${info.name}(Code: ${code})`;
  const codeName = info.codes[code];
  return codeName === undefined ? `${info.name}(Code: ${code})` : `${info.name}(${codeName})`;
}

const BY_NAME: Readonly<Record<IcmpVersion, ReadonlyMap<string, number>>> = {
  4: new Map(Object.entries(ICMPV4).map(([t, i]) => [i.name, Number(t)])),
  6: new Map(Object.entries(ICMPV6).map(([t, i]) => [i.name, Number(t)])),
};

const PRINTED = /^(?:(\d+)\((\d+)\)|([A-Za-z]+)(?:\((?:Code: (\d+)|([A-Za-z+]+))\))?)$/;

/** Type and code of a printed TypeCode; null when the text is not one gopacket prints. */
export function readIcmpTypeCode(version: IcmpVersion, printed: string): { type: number; code: number } | null {
  const m = PRINTED.exec(printed);
  if (!m) return null;
  if (m[1] !== undefined) return { type: Number(m[1]), code: Number(m[2]) };
  const type = BY_NAME[version].get(m[3]!);
  if (type === undefined) return null;
  if (m[4] !== undefined) return { type, code: Number(m[4]) };
  if (m[5] === undefined) return { type, code: 0 };
  const codes = TABLES[version][type]!.codes ?? {};
  for (const [code, name] of Object.entries(codes)) if (name === m[5]) return { type, code: Number(code) };
  return null;
}
