import { InputTooLargeError } from "../../src/errors/base.ts";
import { CycleLimitExceededError } from "../../src/errors/vm.ts";
import { MAX_LEASE_JOURNAL } from "../../src/prover/network/lease.ts";
import { checkInput, initialState, step, type VmState } from "../../src/prover/vm/executor.ts";
import type { Instruction, Program } from "../../src/prover/vm/isa.ts";
import { checkSegmentPo2 } from "../../src/prover/vm/segments.ts";

/** Default most cycles a coordinator accepts for one job: 2^20 (well below the VM's 2^22). */
export const DEFAULT_JOB_MAX_CYCLES = 1 << 20;

/**
 * A segment's start checkpoint without its journal: `journalLength` words of the job's final journal
 * were written before it (the journal is a prefix, so one copy serves every segment).
 */
export type Checkpoint = Omit<VmState, "journal"> & { journalLength: number };

/** A job executed once and cut into segments, keeping only each segment's checkpoint (no trace rows). */
export type JobPlan = {
  checkpoints: Checkpoint[];
  cyclesPerSegment: number[];
  journal: number[];
  exitCode: number;
  cycles: number;
};

/**
 * Runs `program` on `input` row by row, recording a checkpoint every 2^po2 cycles; rows are dropped
 * as they are produced, so memory is O(segments + journal), not O(cycles).
 * @throws {CycleLimitExceededError} no HALT within `maxCycles`. {@link InputTooLargeError} journal over `maxJournal` words.
 * @throws {InvalidSegmentSizeError} {@link MalformedInputError} {@link VmFaultError}.
 */
export function planJob(
  program: Program,
  code: readonly Instruction[],
  input: readonly number[],
  po2: number,
  { maxCycles = DEFAULT_JOB_MAX_CYCLES, maxJournal = MAX_LEASE_JOURNAL } = {},
): JobPlan {
  checkSegmentPo2(po2);
  checkInput(input);
  const size = 2 ** po2;
  const state = initialState(program);
  const checkpoints: Checkpoint[] = [];
  for (;;) {
    if (!state.halted && state.cycle % size === 0) {
      const { journal, ...rest } = state;
      checkpoints.push({ ...rest, regs: [...state.regs], memory: [...state.memory], journalLength: journal.length });
    }
    if (state.halted) break;
    if (state.cycle >= maxCycles) throw new CycleLimitExceededError({ limit: maxCycles });
    step(code, state, input);
    if (state.journal.length > maxJournal) throw new InputTooLargeError({ what: "job journal", limit: maxJournal, unit: "items" });
  }
  const cycles = state.cycle;
  return {
    checkpoints,
    cyclesPerSegment: checkpoints.map((_, i) => Math.min(size, cycles - i * size)),
    journal: state.journal,
    exitCode: state.exitCode as number,
    cycles,
  };
}

/** The full start state of a checkpoint (journal = the first `journalLength` words of `journal`). */
export function startOf(c: Checkpoint, journal: readonly number[]): VmState {
  const { journalLength, ...rest } = c;
  return { ...rest, regs: [...c.regs], memory: [...c.memory], journal: journal.slice(0, journalLength) };
}
