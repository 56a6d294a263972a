import type { ProverNode, ProverNodeOptions } from './proverNode.ts'

export async function createProverNodeImpl(_options: ProverNodeOptions): Promise<ProverNode> {
  throw new Error('not implemented yet')
}
