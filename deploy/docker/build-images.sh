#!/usr/bin/env bash
# Builds the five Switchboard images with deploy/docker/Dockerfile, where a Docker engine (with BuildKit) runs.
#
#   deploy/docker/build-images.sh                      # switchboard/<module>:0.1.0-SNAPSHOT, all five
#   REGISTRY=registry.example.com/team TAG=1.2.3 PUSH=1 deploy/docker/build-images.sh task-service
#
# Image names: ${REGISTRY:-switchboard}/<module>:${TAG:-0.1.0-SNAPSHOT}, the names deploy/compose and deploy/k8s
# use (a Kubernetes overlay changes the registry and tag with its `images:` list). The same build runs through
# Maven with `mvn -pl deploy-check -Pimages verify`.
set -euo pipefail
cd "$(dirname "$0")/../.."

REGISTRY=${REGISTRY:-switchboard}
TAG=${TAG:-0.1.0-SNAPSHOT}
PUSH=${PUSH:-0}

# module  default port (its SWITCHBOARD_*_PORT default; the health check's port)
MODULES=(
  "task-service 8081"
  "agent-registry-service 8082"
  "assignment-service 8083"
  "sla-monitor-service 8084"
  "notifier-gateway 8080"
)

command -v docker >/dev/null || { echo "build-images: docker is not on the PATH" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "build-images: no Docker engine answers (docker info failed)" >&2; exit 1; }

wanted=("$@")
for line in "${MODULES[@]}"; do
  read -r module port <<<"$line"
  if ((${#wanted[@]})) && [[ " ${wanted[*]} " != *" $module "* ]]; then continue; fi
  image="$REGISTRY/$module:$TAG"
  echo "build-images: $image"
  DOCKER_BUILDKIT=1 docker build -f deploy/docker/Dockerfile --build-arg MODULE="$module" --build-arg PORT="$port" \
    -t "$image" .
  if [[ $PUSH == 1 ]]; then docker push "$image"; fi
done
