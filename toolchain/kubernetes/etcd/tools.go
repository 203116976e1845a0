//go:build tools

// The etcd server command this module exists to build (see toolchain/kubernetes.ts).
package tools

import _ "go.etcd.io/etcd/server/v3"
