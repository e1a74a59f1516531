// Wire names of members, list items and map entries, shared by the request reader and the XML writer.
// botocore resolves a reference by laying the reference's traits over the target shape's; so do we.

import type { Shape, ShapeRef } from '../models/index.js';

export interface WireTraits {
  readonly locationName?: string;
  readonly isFlattened: boolean;
}

export function wireTraits(ref: ShapeRef, target: Shape): WireTraits {
  const locationName = ref.locationName ?? target.locationName;
  return {
    ...(locationName !== undefined ? { locationName } : {}),
    isFlattened: ref.flattened ?? target.flattened ?? false,
  };
}

/** The parameter / element name of a structure member. */
export function memberWireName(memberName: string, traits: WireTraits): string {
  return traits.locationName ?? memberName;
}

/**
 * Where a list's items live in a Query request: `Name.member.N`, `Name.<locationName>.N`, or for a flattened
 * list `Name.N` (with the last segment replaced by the item's locationName when it has one, as botocore does).
 */
export function listItemPrefix(prefix: string, listTraits: WireTraits, itemTraits: WireTraits): string {
  if (listTraits.isFlattened) {
    if (itemTraits.locationName === undefined) return prefix;
    const cut = prefix.lastIndexOf('.');
    return cut < 0 ? itemTraits.locationName : `${prefix.slice(0, cut)}.${itemTraits.locationName}`;
  }
  return `${prefix}.${itemTraits.locationName ?? 'member'}`;
}

/** Where a map's entries live: `Name.entry.N.key` / `.value`, or `Name.N.key` when flattened. */
export function mapEntryPrefix(prefix: string, mapTraits: WireTraits): string {
  return mapTraits.isFlattened ? prefix : `${prefix}.entry`;
}
