#!/bin/sh
# Starts the server as `npm start` and the image run it: with jemalloc where it is installed (README, Memory), else
# with glibc's malloc held to two arenas, and V8's heap kept small. Arguments go to `kilt serve`.
#
# KILT_JEMALLOC: the library's path, `off` for glibc's malloc, unset to look in the usual places.
# MALLOC_CONF, if set, replaces Kilt's jemalloc settings whole.
set -eu

find_jemalloc() {
  for library in "/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2" /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2 \
    /usr/local/lib/libjemalloc.so.2; do
    if [ -r "$library" ]; then
      echo "$library"
      return
    fi
  done
}

jemalloc=${KILT_JEMALLOC-$(find_jemalloc)}
if [ "$jemalloc" = off ]; then
  jemalloc=
elif [ -n "$jemalloc" ] && [ ! -r "$jemalloc" ]; then
  echo "KILT_JEMALLOC names $jemalloc, which cannot be read" >&2
  exit 1
fi

if [ -n "$jemalloc" ]; then
  # argon2id's 19 MiB per hash is reused by the next hash instead of mapped afresh (oversize_threshold above it: larger
  # blocks get their own arena, which hands every freed page back at once), and pages unused for a second go back to
  # the system from jemalloc's own thread (muzzy pages would still count in RSS).
  export LD_PRELOAD="$jemalloc${LD_PRELOAD:+ $LD_PRELOAD}"
  export MALLOC_CONF="${MALLOC_CONF:-background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0,oversize_threshold:33554432}"
else
  # glibc would keep the freed pages of libuv's threads in an arena per thread: two arenas, and every freed block of
  # 128 KiB or more unmapped, with transparent huge pages asked for where the host allows them.
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
  export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1}"
fi

# --expose-gc: once started, Kilt hands back the heap pages its start-up left behind (src/main.ts, serve).
exec node --expose-gc --max-semi-space-size=4 --heap-growing-percent=10 "$(dirname "$0")/kilt.mjs" serve "$@"
