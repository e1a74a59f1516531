// IpAddress (§3.2): IPv4 and IPv6 CIDR blocks, freely mixed; a bare address is a /32 (IPv4) or /128 (IPv6).
// An address only matches a block of its own family.

import type { OperatorDefinition } from '../operator.js';

/** An address as 16-bit words: 2 words for IPv4, 8 for IPv6. */
export type Address = readonly number[];

const HEX_WORD = /^[0-9A-Fa-f]{1,4}$/;

/**
 * A dotted quad (four groups of one to three ASCII digits, each at most 255, nothing else) as an unsigned
 * 32-bit number, or -1. Read without allocating, since request values are parsed on every evaluation.
 */
const ipv4Number = (text: string): number => {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2e) {
      if (digits === 0 || octet > 255 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (code >= 0x30 && code <= 0x39 && ++digits <= 3) {
      octet = octet * 10 + (code - 0x30);
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0 || octet > 255) return -1;
  return value * 256 + octet;
};

const parseIpv4 = (text: string): Address | undefined => {
  const n = ipv4Number(text);
  return n < 0 ? undefined : [Math.floor(n / 0x10000), n % 0x10000];
};

const parseIpv6 = (text: string): Address | undefined => {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const words = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(...v4);
      } else if (HEX_WORD.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = words(halves[0]!);
  const tail = halves.length === 2 ? words(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const gap = 8 - head.length - tail.length;
  if (gap < 1) return undefined;
  return [...head, ...new Array<number>(gap).fill(0), ...tail];
};

export const parseAddress = (text: string): Address | undefined => {
  const trimmed = text.trim();
  return trimmed.includes(':') ? parseIpv6(trimmed) : parseIpv4(trimmed);
};

export interface Block {
  readonly address: Address;
  readonly prefixLength: number;
}

/** Parses `address/prefix` or a bare address. */
export const parseBlock = (text: string): Block | undefined => {
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const bits = address.length * 16;
  if (slash < 0) return { address, prefixLength: bits };
  const prefixText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefixLength = Number(prefixText);
  return prefixLength <= bits ? { address, prefixLength } : undefined;
};

export const blockContains = (block: Block, address: Address): boolean => {
  if (address.length !== block.address.length) return false;
  let remaining = block.prefixLength;
  for (let i = 0; remaining > 0; i++, remaining -= 16) {
    const mask = remaining >= 16 ? 0xffff : (0xffff << (16 - remaining)) & 0xffff;
    if ((address[i]! & mask) !== (block.address[i]! & mask)) return false;
  }
  return true;
};

const contains = (block: Block) => (requestValue: string): boolean => {
  const address = parseAddress(requestValue);
  return address !== undefined && blockContains(block, address);
};

/**
 * An IPv4 block tests a plain dotted quad (what aws:SourceIp holds) as one 32-bit masked comparison;
 * anything else — spaces to trim, IPv6, junk — goes the general way, with the same answer.
 */
const containsIpv4 = (block: Block): ((requestValue: string) => boolean) => {
  const general = contains(block);
  const [high = 0, low = 0] = block.address;
  const network = high * 0x10000 + low;
  const mask = block.prefixLength === 0 ? 0 : (0xffffffff << (32 - block.prefixLength)) | 0;
  return (requestValue) => {
    const address = ipv4Number(requestValue);
    return address < 0 ? general(requestValue) : ((address ^ network) & mask) === 0;
  };
};

export const IP_OPERATORS: Record<string, OperatorDefinition> = {
  IpAddress: {
    family: 'IpAddress',
    compile: (policyValue) => {
      const block = parseBlock(policyValue.trim());
      if (block === undefined) return undefined;
      return block.address.length === 2 ? containsIpv4(block) : contains(block);
    },
  },
};
