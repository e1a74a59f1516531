// The one algorithm verified here. SigV4a (AWS4-ECDSA-P256-SHA256) is modelled for STS but out of scope (§7.1 item 8).

export const ALGORITHM = 'AWS4-HMAC-SHA256';
