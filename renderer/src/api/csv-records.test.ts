import { describe, expect, it } from 'vitest';
import { CsvRecordCounter } from './csv-records';

const counted = (...chunks: string[]) => {
  const counter = new CsvRecordCounter();
  for (const chunk of chunks) counter.add(chunk);
  return counter.rows;
};

describe('CsvRecordCounter', () => {
  it('counts the rows after the header, across chunks cut anywhere', () => {
    expect(counted('a,b\r\n')).toBe(0);
    expect(counted('a,b\r\n1,2\r\n3,4\r\n')).toBe(2);
    expect(counted('a,b\r', '\n1,', '2\r\n3,4\r\n')).toBe(2);
  });

  it('does not count a line break inside a quoted field, nor is fooled by doubled quotes', () => {
    expect(counted('a,note\r\n1,"two\r\nlines"\r\n2,"say ""hi""\r\n"\r\n')).toBe(2);
    expect(counted('a,note\r\n1,"two\r', '\nlines ""', '"" x"\r\n')).toBe(1);
  });
});
