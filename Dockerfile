# syntax=docker/dockerfile:1
# Multi-stage: the SDK builds and publishes the node; the runtime image holds only what a node runs.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props InstaIntel.sln ./
COPY src/ src/
RUN dotnet publish src/InstaIntel.Node/InstaIntel.Node.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/instaintel --uid 10001 instaintel
WORKDIR /var/lib/instaintel
COPY --from=build /app /opt/instaintel
USER instaintel
# HTTP control API and Akka.Remote.
EXPOSE 5080 4053
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    InstaIntel__Cluster__Hostname=0.0.0.0 \
    InstaIntel__Cluster__Port=4053 \
    DOTNET_gcServer=0
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:5080/healthz || exit 1
ENTRYPOINT ["dotnet", "/opt/instaintel/InstaIntel.Node.dll"]
