import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, createWalletClient, encodeDeployData, encodeFunctionData, type Hex, http, parseEther, stringToBytes, stringToHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlatDirectory, KVStorage } from "../../src/contracts/artifacts.generated.ts";
import { startAnvil } from "../anvil.ts";
import { encodeBlobPadded31, microKzg, versionedHashOf, viemKzg } from "./kzg.ts";
import { startStorageNode } from "./node.ts";

const dev = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const stateDir = mkdtempSync(join(tmpdir(), "lightbus-storage-"));
let anvil: Awaited<ReturnType<typeof startAnvil>>;
let node: Awaited<ReturnType<typeof startStorageNode>>;
let kv: Hex;
const content = stringToBytes("<h1>kept by the storage node</h1>");
let versionedHash: Hex;
let blockNumber: number;

const rpc = async (url: string, method: string, params: unknown[]) => {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()) as { result?: any; error?: { code: number; message: string } };
};

beforeAll(async () => {
  anvil = await startAnvil({ port: 0, blockTimeSec: 0 });
  const pub = createPublicClient({ chain: foundry, transport: http(anvil.url) });
  const wallet = createWalletClient({ account: dev, chain: foundry, transport: http(anvil.url) });
  const deployed = await pub.waitForTransactionReceipt({
    hash: await wallet.sendTransaction({ data: encodeDeployData({ abi: KVStorage.abi, bytecode: KVStorage.bytecode, args: [dev.address] }) }),
  });
  kv = deployed.contractAddress as Hex;
  node = await startStorageNode({ rpcUrl: anvil.url, kvStorage: kv, stateDir, port: 0, quiet: true });
  // A blob transaction through KVStorage.putBlob.
  const hash = await wallet.sendTransaction({
    to: kv,
    blobs: [encodeBlobPadded31(content)],
    kzg: await viemKzg(),
    maxFeePerBlobGas: parseEther("0.00001"),
    value: parseEther("0.001"),
    data: encodeFunctionData({ abi: KVStorage.abi, functionName: "putBlob", args: [`0x${"11".repeat(32)}`, 0n, BigInt(content.length)] }),
  });
  const receipt = await pub.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
  blockNumber = Number(receipt.blockNumber);
  versionedHash = (await pub.getTransaction({ hash })).blobVersionedHashes?.[0] as Hex;
}, 60_000);
afterAll(async () => {
  await node?.close();
  await anvil?.stop();
});

describe("devnet storage node", () => {
  it("serves a putBlob blob with a commitment and KZG blob proof that verify, its block and kvIdx", async () => {
    await node.whenHeld(versionedHash);
    const { result } = await rpc(node.url, "lightbus_getBlob", [versionedHash]);
    expect(result).toMatchObject({ versionedHash, blockNumber, kvIdx: 0 });
    expect((result.blob.length - 2) / 2).toBe(131072);
    const kzg = await microKzg();
    expect(kzg.verifyBlobProof(result.blob, result.commitment, result.proof)).toBe(true);
    expect(versionedHashOf(result.commitment)).toBe(versionedHash);
    // tampered proof or blob: the served pair no longer verifies (the node is not trusted, the proof is checked)
    const flipped = `${result.blob.slice(0, 10)}${result.blob[10] === "1" ? "2" : "1"}${result.blob.slice(11)}`;
    expect(kzg.verifyBlobProof(flipped, result.commitment, result.proof)).toBe(false);
    // by the 24 bytes KVStorage records
    expect((await rpc(node.url, "lightbus_getBlob", [versionedHash.slice(0, 50)])).result?.versionedHash).toBe(versionedHash);
  }, 60_000);

  it("es_getBlob answers the decoded content and raw bytes by kvIdx, checked against the recorded hash", async () => {
    await node.whenHeld(versionedHash);
    const hash32 = `${versionedHash.slice(0, 50)}${"00".repeat(8)}`;
    const decoded = await rpc(node.url, "es_getBlob", [0, hash32, 1, 0, content.length]);
    expect(decoded.result).toBe(`0x${Buffer.from(content).toString("hex")}`);
    const raw = await rpc(node.url, "es_getBlob", ["0x0", versionedHash, 0, 0, 34]);
    expect(raw.result).toBe(`0x00${Buffer.from(content.subarray(0, 31)).toString("hex")}00${Buffer.from(content.subarray(31, 32)).toString("hex")}`);
    expect((await rpc(node.url, "es_getBlob", [0, `0x01${"ab".repeat(31)}`, 1, 0, 4])).error?.code).toBe(4409);
    expect((await rpc(node.url, "es_getBlob", [7, hash32, 1, 0, 4])).error?.code).toBe(4404);
    expect((await rpc(node.url, "es_getBlob", [0, hash32, 1, 126970, 10])).error?.code).toBe(-32602);
    expect((await rpc(node.url, "es_getBlob", [0, hash32, 2, 0, 4])).error?.code).toBe(-32602);
  }, 60_000);

  it("unknown blobs answer 4404, malformed params -32602, unknown methods -32601", async () => {
    expect((await rpc(node.url, "lightbus_getBlob", [`0x01${"00".repeat(31)}`])).error).toMatchObject({ code: 4404 });
    expect((await rpc(node.url, "lightbus_getBlob", ["0x1234"])).error?.code).toBe(-32602);
    expect((await rpc(node.url, "lightbus_getBlob", [])).error?.code).toBe(-32602);
    expect((await rpc(node.url, "eth_call", [])).error?.code).toBe(-32601);
    const big = await fetch(node.url, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(100_000) });
    expect(big.status).toBe(413);
  });

  it("serves a FlatDirectory blob chunk by the kvIdx and hash its getChunkMeta names", async () => {
    const pub = createPublicClient({ chain: foundry, transport: http(anvil.url) });
    const wallet = createWalletClient({ account: dev, chain: foundry, transport: http(anvil.url) });
    const deployed = await pub.waitForTransactionReceipt({
      hash: await wallet.sendTransaction({ data: encodeDeployData({ abi: FlatDirectory.abi, bytecode: FlatDirectory.bytecode, args: [kv] }) }),
    });
    const dir = deployed.contractAddress as Hex;
    const page = stringToBytes("<!doctype html><p>a site in a blob</p>");
    const name = stringToHex("index.html");
    const hash = await wallet.sendTransaction({
      to: dir,
      blobs: [encodeBlobPadded31(page)],
      kzg: await viemKzg(),
      maxFeePerBlobGas: parseEther("0.00001"),
      value: parseEther("0.001"),
      data: encodeFunctionData({ abi: FlatDirectory.abi, functionName: "writeChunkByBlob", args: [name, 0n, BigInt(page.length)] }),
    });
    expect((await pub.waitForTransactionReceipt({ hash })).status).toBe("success");
    const [, size, , kvIdx, hash24] = await pub.readContract({ address: dir, abi: FlatDirectory.abi, functionName: "getChunkMeta", args: [name, 0n] });
    const held = await node.whenHeld((await pub.getTransaction({ hash })).blobVersionedHashes?.[0] as Hex);
    expect(held.kvIdx).toBe(Number(kvIdx));
    expect((await rpc(node.url, "lightbus_getBlob", [hash24])).result).toMatchObject({ kvIdx: Number(kvIdx) });
    const bytes = await rpc(node.url, "es_getBlob", [Number(kvIdx), hash24, 1, 0, Number(size)]);
    expect(bytes.result).toBe(`0x${Buffer.from(page).toString("hex")}`);
  }, 60_000);

  it("several keys storing the same blob each get served by their kvIdx; the same bytes published again change nothing", async () => {
    const pub = createPublicClient({ chain: foundry, transport: http(anvil.url) });
    const wallet = createWalletClient({ account: dev, chain: foundry, transport: http(anvil.url) });
    const kzg = await viemKzg();
    const twin = stringToBytes("two keys, one blob");
    const send = async (blob: Uint8Array, to: Hex, data: Hex, value: bigint) => {
      const hash = await wallet.sendTransaction({ to, blobs: [encodeBlobPadded31(blob)], kzg, maxFeePerBlobGas: parseEther("0.00001"), value, data });
      expect((await pub.waitForTransactionReceipt({ hash })).status).toBe("success");
      return (await pub.getTransaction({ hash })).blobVersionedHashes?.[0] as Hex;
    };
    const keys = [`0x${"21".repeat(32)}`, `0x${"22".repeat(32)}`] as const;
    const twinHash = await send(
      twin,
      kv,
      encodeFunctionData({ abi: KVStorage.abi, functionName: "putBlobs", args: [[...keys], [0n, 0n], [BigInt(twin.length), BigInt(twin.length)]] }),
      parseEther("0.002"),
    );
    await node.whenHeld(twinHash);
    const idx = await Promise.all(
      keys.map(async (k) => (await pub.readContract({ address: kv, abi: KVStorage.abi, functionName: "metaOf", args: [dev.address, k] }))[0]),
    );
    expect(new Set(idx.map(Number)).size).toBe(2);
    for (const i of idx)
      expect((await rpc(node.url, "es_getBlob", [Number(i), twinHash, 1, 0, twin.length])).result).toBe(`0x${Buffer.from(twin).toString("hex")}`);
    // The first blob's bytes again, in a blob transaction that stores nothing; then one more blob to know the node got past it.
    expect(await send(content, dev.address, "0x", 0n)).toBe(versionedHash);
    await node.whenHeld(await send(stringToBytes("after the republish"), dev.address, "0x", 0n));
    expect((await rpc(node.url, "lightbus_getBlob", [versionedHash])).result).toMatchObject({ kvIdx: 0, blockNumber });
    expect((await rpc(node.url, "es_getBlob", [0, versionedHash, 1, 0, 4])).result).toBe(`0x${Buffer.from(content.subarray(0, 4)).toString("hex")}`);
  }, 90_000);

  it("a restarted node still serves the blobs it kept", async () => {
    await node.whenHeld(versionedHash);
    await node.close();
    node = await startStorageNode({ rpcUrl: anvil.url, kvStorage: kv, stateDir, port: 0, quiet: true });
    const { result } = await rpc(node.url, "lightbus_getBlob", [versionedHash]);
    expect(result).toMatchObject({ versionedHash, kvIdx: 0 });
    expect((await rpc(node.url, "es_getBlob", [0, versionedHash, 1, 0, 4])).result).toBe(`0x${Buffer.from(content.subarray(0, 4)).toString("hex")}`);
  }, 60_000);
});
