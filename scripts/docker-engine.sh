#!/usr/bin/env bash
# Sourced by the container scripts: makes sure a Docker engine answers.
#   - installs Debian's docker.io and debootstrap when dockerd is missing (apt-get, as root);
#   - starts dockerd in the background when none answers, with its registry traffic pointed at a
#     closed loopback port (HTTP(S)_PROXY=127.0.0.1:9): there is no registry here, and a pull or a
#     digest look-up (SAM asks for the durable emulator's remote digest every time) must fail at
#     once instead of trying the internet. Its pid goes to .tools/dockerd.pid and its log to
#     .tools/dockerd.log; `stop_docker_engine_if_started` stops it again (only if this shell started it).
# Needs: root (apt-get, dockerd).

docker_engine_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCKER_ENGINE_STARTED_PID=""
export DOCKER_BUILDKIT=0

ensure_docker_engine() {
  if docker info >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
    echo "docker-engine: installing docker.io and debootstrap (apt-get)"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io debootstrap >/dev/null
  fi
  if docker info >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p "$docker_engine_root/.tools"
  echo "docker-engine: starting dockerd (log: .tools/dockerd.log)"
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= \
    setsid dockerd --log-level warn >"$docker_engine_root/.tools/dockerd.log" 2>&1 </dev/null &
  DOCKER_ENGINE_STARTED_PID=$!
  echo "$DOCKER_ENGINE_STARTED_PID" >"$docker_engine_root/.tools/dockerd.pid"
  local i
  for i in $(seq 1 120); do
    if docker info >/dev/null 2>&1; then
      block_container_egress
      return 0
    fi
    if ! kill -0 "$DOCKER_ENGINE_STARTED_PID" 2>/dev/null; then
      echo "docker-engine: dockerd exited; its log:" >&2
      tail -n 30 "$docker_engine_root/.tools/dockerd.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "docker-engine: dockerd did not answer within 60 s" >&2
  return 1
}

# Containers may reach the host and each other, nothing else: forwarded traffic from a container to an
# address outside Docker's bridge networks (172.16.0.0/12 here) is rejected at once on the host, so a
# stray download or DNS query inside a container fails fast and never leaves the machine.
block_container_egress() {
  if iptables -L DOCKER-USER -n >/dev/null 2>&1 \
      && ! iptables -C DOCKER-USER ! -d 172.16.0.0/12 -j REJECT 2>/dev/null; then
    iptables -I DOCKER-USER ! -d 172.16.0.0/12 -j REJECT
  fi
}

stop_docker_engine_if_started() {
  if [[ -n "$DOCKER_ENGINE_STARTED_PID" ]] && kill -0 "$DOCKER_ENGINE_STARTED_PID" 2>/dev/null; then
    kill "$DOCKER_ENGINE_STARTED_PID"
    local i
    for i in $(seq 1 60); do
      kill -0 "$DOCKER_ENGINE_STARTED_PID" 2>/dev/null || break
      sleep 0.5
    done
    rm -f "$docker_engine_root/.tools/dockerd.pid"
  fi
}
