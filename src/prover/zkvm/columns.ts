/**
 * Main-trace column layout of the zkVM AIR (docs/zkvm-air.md). One row per cycle; width 83.
 * "Before" columns hold the state at the start of the cycle, "after" columns the state it leaves.
 */
export const COL = {
  /** pc before. */
  PC: 0,
  /** r0..r7 before: R + j. */
  R: 1,
  /** pc after. */
  PCN: 9,
  /** r0..r7 after: RN + j. */
  RN: 10,
  /** Opcode one-hot s_0..s_15: S + op. */
  S: 18,
  /** rs1 one-hot: RS1 + j. */
  RS1: 34,
  /** rs2 one-hot: RS2 + j. */
  RS2: 42,
  /** rd one-hot (all zero when the opcode writes no register): RD + j. */
  RD: 50,
  IMM: 58,
  /** a = r[rs1]. */
  A: 59,
  /** b = r[rs2]. */
  B: 60,
  /** Second operand: b (register forms, branches, STORE), imm (ADDI, MULI), else 0. */
  C: 61,
  /** a·c. */
  PROD: 62,
  /** Value written to rd (0 when none; READ: the input word). */
  RES: 63,
  /** (a − c)^(−1), or 0 when a = c. */
  INV: 64,
  /** 1 iff a = c. */
  EQ: 65,
  /** 1 iff the branch or jump is taken. */
  TAKEN: 66,
  /** BLT: 1 iff a < c. */
  LT: 67,
  /** Nine byte-range-checked columns x0..x8: BLT: a, c, |difference| (3 little-endian bytes each); LOAD/STORE: x0, x1 the time gap. */
  X: 68,
  /** LOAD/STORE: word read (its previous value). */
  MOLD: 77,
  /** LOAD/STORE: word written back (LOAD: unchanged). */
  MNEW: 78,
  /** LOAD/STORE: segment-local time of the previous access to the address (0 = the segment's start). */
  TOLD: 79,
  /** Input words consumed before this row. */
  IP: 80,
  /** Journal words written before this row. */
  JP: 81,
  /** Segment-local cycle number: 1 on row 0, +1 per executed row, constant after HALT. */
  CYC: 82,
} as const

export const MAIN_WIDTH = 83
export const NUM_BYTES = 9

/** Aux trace: 7 lookup helper columns then the running sum, each an F_p^4 column (4 base coordinates). */
export const NUM_HELPERS = 7
export const AUX_EXT_COLUMNS = NUM_HELPERS + 1
export const AUX_WIDTH = 4 * AUX_EXT_COLUMNS

/** Fingerprint tags of the lookup tables (docs/zkvm-air.md, "Lookups"). */
export const TAG = { ROM: 1, BYTE: 2, MEM: 3, INPUT: 4, JOURNAL: 5 } as const

/** Opcodes that write rd. */
export const WRITES_RD = [1, 2, 3, 4, 5, 6, 7, 12, 14] as const
/** Opcodes whose second operand c is r[rs2]. */
export const USES_B = [1, 2, 3, 8, 9, 10, 13] as const
/** Opcodes whose second operand c is imm. */
export const USES_IMM = [4, 5] as const
