/**
 * The part of the WebAssembly JavaScript API keygate uses (src/scan/walk-wasm.ts). Node.js has
 * it as a global; TypeScript declares it only in its DOM libraries, which a Node.js tool leaves out.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
}
