// Damaging a database file the way a failing disk does: whole pages overwritten with noise. The file
// must be closed first (its WAL folded in), so that the damage is in the file SQLite reads.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

/** SQLite's page size, from the file header (bytes 16–17; 1 means 65536). */
export function pageSize(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(18);
    readSync(fd, header, 0, 18, 0);
    const size = header.readUInt16BE(16);
    return size === 1 ? 65_536 : size;
  } finally {
    closeSync(fd);
  }
}

/**
 * Overwrites `count` pages starting at `fromFraction` of the file (default: 4 pages from the middle,
 * past the schema pages, in the tables and indexes) with pseudo-random bytes. Returns the pages hit (1-based).
 */
export function damagePages(file: string, options: { fromFraction?: number; count?: number } = {}): number[] {
  const size = pageSize(file);
  const fd = openSync(file, 'r+');
  try {
    const pages = Math.floor(fstatSync(fd).size / size);
    const first = Math.max(2, Math.floor(pages * (options.fromFraction ?? 0.5)));
    const hit = Array.from({ length: Math.min(options.count ?? 4, pages - first + 1) }, (_, i) => first + i);
    let seed = 0x2545f491;
    const noise = Buffer.alloc(size);
    for (const page of hit) {
      for (let i = 0; i < size; i += 1) {
        seed = (seed * 1_103_515_245 + 12_345) >>> 0;
        noise[i] = seed >>> 24;
      }
      writeSync(fd, noise, 0, size, (page - 1) * size);
    }
    return hit;
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends a page that no table or free list owns (as an interrupted write can leave): SQLite reads
 * the file, and its checks report "Page N: never used".
 */
export function orphanPage(file: string): void {
  const size = pageSize(file);
  const fd = openSync(file, 'r+');
  try {
    const header = Buffer.alloc(4);
    readSync(fd, header, 0, 4, 28);
    writeSync(fd, Buffer.alloc(size), 0, size, fstatSync(fd).size);
    header.writeUInt32BE(header.readUInt32BE(0) + 1);
    writeSync(fd, header, 0, 4, 28);
  } finally {
    closeSync(fd);
  }
}
