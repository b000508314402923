// FNV-1a (Fowler, Noll, Vo) over a string's UTF-16 code units, 32 bits, in
// hex: a share link's checksum of its code (ui/share/share-link.ts), and,
// from two offset bases, how a search tells long outputs apart
// (session/explore.ts). Not a defence against a chosen collision.

export const FNV_OFFSET = 0x811c9dc5;

export function fnv1a(text: string, offset = FNV_OFFSET): string {
  let hash = offset;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
