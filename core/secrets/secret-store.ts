// Where the Zoho connection's secrets live (client secret, refresh and access tokens). Only the
// main process (or the browser host) holds one; nothing in it ever reaches the renderer.

export interface SecretStore {
  /** The stored text, or null when nothing is stored. */
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
  clear(): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  private text: string | null;

  constructor(initial: string | null = null) {
    this.text = initial;
  }

  read(): Promise<string | null> {
    return Promise.resolve(this.text);
  }

  write(text: string): Promise<void> {
    this.text = text;
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.text = null;
    return Promise.resolve();
  }
}
