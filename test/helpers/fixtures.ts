/** Fixture files as the Worker would receive them: exact bytes (see the `?bytes` loader in vitest.config.ts). */
export function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
