#!/usr/bin/env bash
# Container health check without curl: GET /actuator/health/readiness over bash's /dev/tcp, healthy when UP.
# Port: SWITCHBOARD_HEALTH_PORT (set by the image, overridable), path: SWITCHBOARD_HEALTH_PATH.
set -u
port=${SWITCHBOARD_HEALTH_PORT:-8080}
path=${SWITCHBOARD_HEALTH_PATH:-/actuator/health/readiness}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\n\r\n' "$path" >&3
response=$(timeout 3 cat <&3)
exec 3<&-
[[ $response == *'"status":"UP"'* ]]
