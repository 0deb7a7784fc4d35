// The part of the WebAssembly JS API that field-kernel.ts uses. TypeScript declares it in its DOM library only, which
// this Node project does not load; Node provides the global (V8).
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
}
