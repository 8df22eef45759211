import { PNG } from 'pngjs';

/** What a test compares a picture by: its size, how much of it is drawn, and how much is near given colours. */
export interface PngStats {
  width: number;
  height: number;
  /** Share of pixels that differ from the background (white) by more than a faint anti-aliasing tint. */
  drawn: number;
  /** Share of pixels within a small distance of each named colour. */
  near: Record<string, number>;
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Decodes a PNG and measures it: a deterministic picture compares equal by these, whatever its bytes. */
export function pngStats(png: Uint8Array, colours: Record<string, string> = {}): PngStats {
  const image = PNG.sync.read(Buffer.from(png));
  const targets = Object.entries(colours).map(([name, hex]) => [name, rgb(hex)] as const);
  const near: Record<string, number> = Object.fromEntries(targets.map(([name]) => [name, 0]));
  let drawn = 0;
  const pixels = image.width * image.height;
  for (let i = 0; i < image.data.length; i += 4) {
    const r = image.data[i]!;
    const g = image.data[i + 1]!;
    const b = image.data[i + 2]!;
    if (255 * 3 - (r + g + b) > 24) drawn += 1;
    for (const [name, [tr, tg, tb]] of targets)
      if (Math.abs(r - tr) + Math.abs(g - tg) + Math.abs(b - tb) <= 24) near[name]! += 1;
  }
  for (const name of Object.keys(near)) near[name] = near[name]! / pixels;
  return { width: image.width, height: image.height, drawn: drawn / pixels, near };
}
