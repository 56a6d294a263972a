// SPDX-License-Identifier: MIT
// Test-only contracts for src/workers/web3Task.test.ts: one per ERC-6860 resolve mode.
pragma solidity ^0.8.20;

/// Manual mode (ERC-6860): the whole path is the calldata; the answer is ABI `bytes` (FlatDirectory-style).
contract ManualSite {
    mapping(bytes => bytes) private files;

    function resolveMode() external pure returns (bytes32) {
        return "manual";
    }

    function put(bytes calldata path, bytes calldata content) external {
        files[path] = content;
    }

    fallback(bytes calldata path) external returns (bytes memory) {
        bytes memory p = path;
        if (p.length == 1 && p[0] == "/") p = "/index.html";
        return abi.encode(files[p]);
    }
}

/// ERC-5219 resource requests with ERC-7617 chunks: /page is served in two chunks, anything else is 404.
contract ResourceSite {
    struct KeyValue {
        string key;
        string value;
    }

    function resolveMode() external pure returns (bytes32) {
        return "5219";
    }

    function request(string[] memory resource, KeyValue[] memory) external pure returns (uint16, bytes memory, KeyValue[] memory) {
        if (resource.length == 1 && keccak256(bytes(resource[0])) == keccak256("page")) {
            KeyValue[] memory h = new KeyValue[](2);
            h[0] = KeyValue("Content-Type", "text/plain");
            h[1] = KeyValue("web3-next-chunk", "/page2");
            return (200, "first chunk, ", h);
        }
        if (resource.length == 1 && keccak256(bytes(resource[0])) == keccak256("page2")) {
            KeyValue[] memory h = new KeyValue[](1);
            h[0] = KeyValue("Content-Type", "text/plain");
            return (200, "second chunk", h);
        }
        return (404, "not found", new KeyValue[](0));
    }
}

/// Auto mode: no resolveMode(); /greet/uint256!7 calls greet(7).
contract AutoSite {
    function greet(uint256 n) external pure returns (string memory) {
        return n == 7 ? "seven" : "other";
    }
}
