# Production-like image: the portal binary and the built SPA.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN rustup target add wasm32-unknown-unknown \
 && cargo run --release -p xtask -- build-spa --out /out/dist \
 && cargo build --release -p portal-server \
 && cp target/release/portal /out/portal

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/portal portal
COPY --from=build /out/portal /usr/local/bin/portal
COPY --from=build /out/dist /usr/share/portal/dist
USER portal
ENV PORTAL_ADDR=0.0.0.0:8080 PORTAL_SPA_DIR=/usr/share/portal/dist PORTAL_DATA_DIR=/var/lib/portal
EXPOSE 8080
HEALTHCHECK CMD curl -fs http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["portal"]
CMD ["serve"]
