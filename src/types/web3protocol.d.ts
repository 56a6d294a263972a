// Minimal types for the parts of web3protocol 0.6.3 Lightbus uses (it ships none; node_modules/web3protocol/src/index.js).
declare module 'web3protocol' {
  export type Web3ProtocolChain = { id: number; name: string; shortName?: string; rpcUrls: string[]; contracts?: Record<string, unknown> }
  export type ParsedWeb3Url = {
    url: string
    chainId: number
    contractAddress: string
    mode: 'manual' | 'auto' | 'resourceRequest'
    modeDetermination?: { calldata?: string; [k: string]: unknown }
    [k: string]: unknown
  }
  export type ContractReturn = { data: string; [k: string]: unknown }
  export type FetchedWeb3Url = {
    httpCode: number
    httpHeaders: Record<string, string>
    output: ReadableStream<Uint8Array>
    parsedUrl: ParsedWeb3Url
  }
  export class Client {
    constructor(chainList: Web3ProtocolChain[], opts?: { multipleRpcMode?: 'fallback' | 'parallel' })
    fetchUrl(url: string): Promise<FetchedWeb3Url>
    parseUrl(url: string): Promise<ParsedWeb3Url>
    fetchContractReturn(parsedUrl: ParsedWeb3Url): Promise<ContractReturn>
    processContractReturn(parsedUrl: ParsedWeb3Url, contractReturn: ContractReturn): Promise<FetchedWeb3Url>
  }
}
