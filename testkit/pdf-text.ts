// The text of a PDF as Chromium's page.pdf() writes it (Skia), with Node built-ins only: objects
// parsed, Flate streams inflated, each page's content read with its fonts' ToUnicode maps. Enough
// to check what a receipt says; not a general PDF reader (no object streams, no encryption).
import { inflateSync } from 'node:zlib';

type PdfValue = number | string | boolean | null | PdfName | PdfRef | PdfHex | PdfValue[] | PdfDict;
interface PdfName {
  name: string;
}
interface PdfRef {
  ref: number;
}
interface PdfHex {
  hex: string;
}
type PdfDict = { [key: string]: PdfValue };

interface PdfObject {
  value: PdfValue;
  stream: Buffer | null;
}

const isName = (v: PdfValue): v is PdfName => typeof v === 'object' && v !== null && 'name' in v;
const isRef = (v: PdfValue): v is PdfRef => typeof v === 'object' && v !== null && 'ref' in v;
const isHex = (v: PdfValue): v is PdfHex => typeof v === 'object' && v !== null && 'hex' in v;
const isDict = (v: PdfValue): v is PdfDict => typeof v === 'object' && v !== null && !Array.isArray(v) && !isName(v) && !isRef(v) && !isHex(v);

const DELIMITERS = '()<>[]{}/%';
const WHITESPACE = ' \t\r\n\f\0';

/** A cursor over latin1 text (one character per byte, so stream offsets are byte offsets). */
class Reader {
  constructor(
    readonly text: string,
    public at = 0,
  ) {}

  skipSpace(): void {
    for (;;) {
      while (this.at < this.text.length && WHITESPACE.includes(this.text[this.at] ?? '')) this.at += 1;
      if (this.text[this.at] !== '%') return;
      while (this.at < this.text.length && this.text[this.at] !== '\n' && this.text[this.at] !== '\r') this.at += 1;
    }
  }

  word(): string {
    const start = this.at;
    while (this.at < this.text.length && !WHITESPACE.includes(this.text[this.at] ?? '') && !DELIMITERS.includes(this.text[this.at] ?? '')) this.at += 1;
    return this.text.slice(start, this.at);
  }

  value(): PdfValue {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === '<' && this.text[this.at + 1] === '<') {
      this.at += 2;
      const dict: PdfDict = {};
      for (;;) {
        this.skipSpace();
        if (this.text.startsWith('>>', this.at)) {
          this.at += 2;
          return dict;
        }
        const key = this.value();
        if (!isName(key)) throw new Error(`PDF dictionary key expected at ${this.at}`);
        dict[key.name] = this.value();
      }
    }
    if (c === '<') {
      const end = this.text.indexOf('>', this.at);
      const hex = this.text.slice(this.at + 1, end).replace(/\s+/g, '');
      this.at = end + 1;
      return { hex };
    }
    if (c === '[') {
      this.at += 1;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.text[this.at] === ']') {
          this.at += 1;
          return items;
        }
        items.push(this.value());
      }
    }
    if (c === '(') return this.literal();
    if (c === '/') {
      this.at += 1;
      return { name: this.word() };
    }
    const word = this.word();
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      // "12 0 R" is a reference.
      const save = this.at;
      const generation = /^\s+(\d+)\s+R(?![^\s/<>[\]()])/.exec(this.text.slice(this.at, this.at + 24));
      if (generation && /^\d+$/.test(word)) {
        this.at = save + generation[0].length;
        return { ref: Number(word) };
      }
      return Number(word);
    }
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    throw new Error(`Unexpected PDF token "${word}" at ${this.at}`);
  }

  /** A (literal string), escapes and nested parentheses resolved; returned as latin1 text. */
  private literal(): string {
    this.at += 1;
    let depth = 1;
    let out = '';
    while (this.at < this.text.length) {
      const c = this.text[this.at++] ?? '';
      if (c === '\\') {
        const next = this.text[this.at++] ?? '';
        const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        if (/[0-7]/.test(next)) {
          let octal = next;
          while (octal.length < 3 && /[0-7]/.test(this.text[this.at] ?? '')) octal += this.text[this.at++];
          out += String.fromCharCode(parseInt(octal, 8));
        } else out += escapes[next] ?? next;
      } else if (c === '(') {
        depth += 1;
        out += c;
      } else if (c === ')') {
        depth -= 1;
        if (depth === 0) return out;
        out += c;
      } else out += c;
    }
    return out;
  }
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+\d+\s+obj\b/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const reader = new Reader(text, match.index + match[0].length);
    const value = reader.value();
    reader.skipSpace();
    let stream: Buffer | null = null;
    if (text.startsWith('stream', reader.at)) {
      let start = reader.at + 'stream'.length;
      if (text[start] === '\r') start += 1;
      if (text[start] === '\n') start += 1;
      const end = text.indexOf('endstream', start);
      stream = pdf.subarray(start, end);
      header.lastIndex = end;
    }
    objects.set(Number(match[1]), { value, stream });
  }
  return objects;
}

class Pdf {
  constructor(private readonly objects: Map<number, PdfObject>) {}

  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value !== undefined && isRef(value) ? this.objects.get(value.ref)?.value : value;
  }

  /** The object's stream, inflated when it is Flate-encoded. */
  data(value: PdfValue | undefined): Buffer {
    if (value === undefined || !isRef(value)) return Buffer.alloc(0);
    const object = this.objects.get(value.ref);
    if (!object?.stream || !isDict(object.value)) return Buffer.alloc(0);
    const filter = this.resolve(object.value.Filter);
    const flate = filter !== undefined && ((isName(filter) && filter.name === 'FlateDecode') || (Array.isArray(filter) && filter.some((f) => isName(f) && f.name === 'FlateDecode')));
    return flate ? inflateSync(object.stream) : object.stream;
  }

  pages(): PdfDict[] {
    const pages: PdfDict[] = [];
    for (const object of this.objects.values()) {
      if (isDict(object.value) && isName(object.value.Type ?? null) && (object.value.Type as PdfName).name === 'Page') pages.push(object.value);
    }
    return pages;
  }
}

/** A font's ToUnicode map: code (hex, as written in the content) → text. */
function toUnicode(cmap: string): { map: Map<string, string>; width: number } {
  const map = new Map<string, string>();
  const decode = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  let width = 4;
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      width = (pair[1] ?? '').length;
      map.set((pair[1] ?? '').toUpperCase(), decode(pair[2] ?? ''));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const [, lowHex = '', highHex = '', target = ''] = range;
      width = lowHex.length;
      const low = parseInt(lowHex, 16);
      const high = parseInt(highHex, 16);
      const targets = target.startsWith('[') ? [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => m[1] ?? '') : null;
      for (let code = low; code <= high; code += 1) {
        const key = code.toString(16).toUpperCase().padStart(lowHex.length, '0');
        if (targets) map.set(key, decode(targets[code - low] ?? ''));
        else {
          const base = Buffer.from(target.slice(1, -1), 'hex');
          base.writeUInt16BE(base.readUInt16BE(base.length - 2) + (code - low), base.length - 2);
          map.set(key, base.swap16().toString('utf16le'));
        }
      }
    }
  }
  return { map, width };
}

/** Every page's text, pages in the order found; runs of text separated by spaces or line breaks. */
export function pdfText(pdf: Buffer): string {
  const doc = new Pdf(parseObjects(pdf));
  const pages: string[] = [];
  for (const page of doc.pages()) {
    const resources = doc.resolve(page.Resources);
    const fontDict = isDict(resources ?? null) ? doc.resolve((resources as PdfDict).Font) : undefined;
    const fonts = new Map<string, { map: Map<string, string>; width: number }>();
    if (fontDict && isDict(fontDict)) {
      for (const [name, ref] of Object.entries(fontDict)) {
        const font = doc.resolve(ref);
        if (font && isDict(font) && font.ToUnicode) fonts.set(name, toUnicode(doc.data(font.ToUnicode).toString('latin1')));
      }
    }
    const contents = page.Contents;
    const streams = Array.isArray(contents) ? contents : contents === undefined ? [] : [contents];
    pages.push(streams.map((ref) => contentText(doc.data(ref).toString('latin1'), fonts)).join('\n'));
  }
  return pages.join('\n\f\n');
}

function contentText(content: string, fonts: Map<string, { map: Map<string, string>; width: number }>): string {
  const reader = new Reader(content);
  const operands: PdfValue[] = [];
  let font: { map: Map<string, string>; width: number } | undefined;
  let out = '';
  const show = (value: PdfValue) => {
    const hex = isHex(value) ? value.hex.toUpperCase() : typeof value === 'string' ? Buffer.from(value, 'latin1').toString('hex').toUpperCase() : '';
    if (!font) return;
    for (let i = 0; i < hex.length; i += font.width) out += font.map.get(hex.slice(i, i + font.width)) ?? '';
  };
  for (;;) {
    reader.skipSpace();
    if (reader.at >= content.length) break;
    const c = content[reader.at] ?? '';
    if ('/[(<'.includes(c) || /[\d+.-]/.test(c)) {
      operands.push(reader.value());
      continue;
    }
    const operator = reader.word() || content[reader.at++];
    if (operator === 'Tf') font = fonts.get(isName(operands[0] ?? null) ? (operands[0] as PdfName).name : '');
    else if (operator === 'Tj' || operator === "'" || operator === '"') show(operands.at(-1) ?? null);
    else if (operator === 'TJ') {
      for (const item of (operands[0] as PdfValue[] | undefined) ?? []) {
        if (typeof item === 'number') {
          if (item < -200) out += ' ';
        } else show(item);
      }
    } else if (operator === 'Td' || operator === 'TD' || operator === 'T*' || operator === 'Tm') out += '\n';
    else if (operator === 'ET') out += ' ';
    operands.length = 0;
  }
  return out;
}

/** Text with every run of whitespace removed: what a check compares, since a PDF places words, not spaces. */
export function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}
