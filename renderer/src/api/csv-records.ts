// Counting a CSV's records as its text arrives, to say how many rows a download holds without
// keeping its text: a line break inside a quoted field (RFC 4180, section 2) is part of the field.

export class CsvRecordCounter {
  private quoted = false;
  private lineBreaks = 0;

  add(text: string): void {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      // A doubled quote inside a quoted field flips twice: still quoted.
      if (code === 0x22) this.quoted = !this.quoted;
      else if (code === 0x0a && !this.quoted) this.lineBreaks += 1;
    }
  }

  /** The records after the header line (each line ends in a line break). */
  get rows(): number {
    return Math.max(0, this.lineBreaks - 1);
  }
}
