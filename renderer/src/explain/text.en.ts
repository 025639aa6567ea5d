import type { ConceptKey } from './concepts'

/** One explanation. Text between backticks is shown as code. */
export interface ConceptText {
  title: string
  body: string[]
}

const en: Record<ConceptKey, ConceptText> = {
  loopback: {
    title: 'Loopback `lo`',
    body: [
      '`lo` is the interface a machine uses to talk to itself. Every network namespace has its own: the host has one, and so does every container.',
      'It holds `127.0.0.1` (and `::1`). Packets sent there never leave the namespace, so `127.0.0.1` inside a container is that container, not the host. That is why a database published with `-p 3306:3306` answers on `127.0.0.1:3306` from the host, while `127.0.0.1` inside another container only ever reaches that other container.',
      'Its MTU is large (65536) because no cable limits it.',
    ],
  },
  'host-nic': {
    title: "The host's `eth0`",
    body: [
      "`eth0` (on newer systems often `ens3` or `enp0s3`) is the host's real network card: the way out to the LAN and the internet. It holds the host's own address.",
      "Containers on a bridge network do not appear on it. Their packets leave through `eth0` after the kernel has rewritten the source address to the host's (masquerading, a form of NAT), so the outside world sees the host, never the container.",
      "A container in host mode uses this interface directly, with the host's address.",
    ],
  },
  docker0: {
    title: '`docker0`, the default bridge',
    body: [
      '`docker0` is a virtual switch (a Linux bridge) that Docker creates on the host when it starts. It carries the network called `bridge`, usually holds `172.17.0.1/16`, and is the gateway of every container on that network.',
      'Each container on the default bridge is plugged into `docker0` by a veth pair. These containers reach each other by IP address, but not by name: the default bridge has no built-in DNS.',
      'While no container is attached, `docker0` shows no `RUNNING` flag: the bridge is up, but none of its ports has a carrier.',
    ],
  },
  'user-bridge-iface': {
    title: "`br-xxxx`, a user-defined network's bridge",
    body: [
      'Every bridge network made with `docker network create` gets its own Linux bridge on the host. Its name is `br-` followed by the first 12 characters of the network id, unless the option `com.docker.network.bridge.name` gives another.',
      'For its own subnet it does what `docker0` does for the default one: it is the gateway of its containers and keeps their traffic apart from other networks.',
    ],
  },
  veth: {
    title: 'A veth pair',
    body: [
      'A veth pair is a virtual network cable with two ends: whatever goes in at one end comes out at the other.',
      'Docker puts one end inside the container, where it is called `eth0` (`eth1` for a second network, and so on), and leaves the other end on the host with a name like `veth1a2b3c4`, plugged into a bridge: its master.',
      "The host end's name says nothing about the container. Bridgeview pairs them exactly: the container's `eth0` knows the index of its peer on the host (`iflink`), and that index belongs to exactly one host veth. When that cannot be proven, Bridgeview says so instead of guessing.",
      'A container on two networks has two veth pairs, one on each bridge.',
    ],
  },
  'driver-bridge': {
    title: 'The bridge driver',
    body: [
      'The default driver. Each container gets its own network namespace, with its own `eth0`, IP address and routing table, joined to a bridge on the host by a veth pair.',
      'Containers on the same bridge talk to each other directly. Traffic to the outside goes through the host with NAT; traffic from the outside needs a published port.',
      'The built-in network `bridge` (interface `docker0`) uses this driver, and so does every network created without `--driver`.',
    ],
  },
  'driver-host': {
    title: 'The host driver',
    body: [
      "With `--network host` a container gets no network namespace of its own: it uses the host's. It sees the host's `eth0`, `lo` and every bridge, and a server listening on port 80 inside it listens on the host's port 80.",
      "There is no veth, no bridge, no container address and no NAT, so `-p` has no effect. It is simple and fast, but its ports can clash with the host's own services and it is not isolated.",
    ],
  },
  'driver-none': {
    title: 'The none driver',
    body: [
      'With `--network none` a container gets a network namespace of its own that holds nothing but `lo`. No veth, no address, no route: it reaches nothing, and nothing reaches it.',
      'It suits work that must not touch the network, such as processing untrusted files.',
    ],
  },
  'user-defined-bridge': {
    title: 'A user-defined bridge',
    body: [
      'A network made with `docker network create` uses the same bridge driver as the default `bridge`, with three differences that matter every day.',
      'Names: Docker answers DNS queries at `127.0.0.11` inside each of its containers, so they find each other by container name (`ping mysqlDB2`) and by alias. On the default bridge only IP addresses work (apart from the legacy `--link`).',
      'Isolation: only the containers you attach can talk to each other; other networks are kept apart.',
      'Control: running containers can be connected and disconnected, and you choose the subnet and gateway.',
    ],
  },
  'container-sharing': {
    title: '`container:<id>`: sharing a network stack',
    body: [
      "`--network container:<name or id>` puts a new container into another container's network namespace instead of making a new one. Both see the same `eth0`, the same IP address and the same ports, and reach each other at `127.0.0.1`.",
      'This is how a debugging tool or a sidecar looks at a service from the inside: `docker run --rm -it --network container:mysqlDB2 busybox`.',
      "The sharing container has no veth and no network settings of its own: its network is the owner's. When the owner stops, the sharer loses its network.",
    ],
  },
  'connect-refused': {
    title: 'Why connect and disconnect are refused for host and none',
    body: [
      "`docker network connect` adds an interface (a veth on a bridge) to a container's own network namespace; `docker network disconnect` takes one away.",
      "A host-mode container has no namespace of its own to change: it uses the host's. A none-mode container was made to be cut off, and attaching a network would undo that. Docker refuses both. A container that shares another's stack (`container:<id>`) cannot be changed either: change its owner.",
      'To move such a container to another network, create it again with the network you want.',
    ],
  },
  'port-publishing': {
    title: 'Port publishing (`-p`)',
    body: [
      "A container on a bridge has a private address that only the host can reach. `-p 8080:80` asks Docker to forward the host's port 8080 to the container's port 80.",
      'Docker does this with NAT rules (`DNAT` in the `DOCKER` chain of iptables) and, in some cases, a `docker-proxy` process. The listing `0.0.0.0:8080->80/tcp` reads: any host address, port 8080, to the container\'s port 80, over TCP.',
      '`-p 127.0.0.1:8080:80` publishes on the loopback only, so only the host itself can connect. Host-mode containers need no publishing: they already listen on the host.',
    ],
  },
}

export default en
