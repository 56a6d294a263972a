// Minimal types for the parts of snarkjs and ffjavascript the benchmark uses (they ship none).
declare module 'snarkjs' {
  export const groth16: { verify(vkey: unknown, publicSignals: string[], proof: unknown): Promise<boolean> }
}
declare module 'ffjavascript'
