import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('follows each platform’s convention', () => {
    expect(defaultDataDir({}, 'linux', '/home/asha')).toBe(join('/home/asha', '.local', 'share', 'counter-billing'));
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/asha')).toBe(join('/data', 'counter-billing'));
    expect(defaultDataDir({}, 'darwin', '/Users/asha')).toBe(join('/Users/asha', 'Library', 'Application Support', 'counter-billing'));
    expect(defaultDataDir({ LOCALAPPDATA: 'C:\\Users\\asha\\AppData\\Local' }, 'win32', 'C:\\Users\\asha')).toBe(join('C:\\Users\\asha\\AppData\\Local', 'counter-billing'));
  });
});
