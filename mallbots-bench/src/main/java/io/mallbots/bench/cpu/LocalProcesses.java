package io.mallbots.bench.cpu;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds a server's process on this machine, from {@code /proc} (Linux): the process that listens on
 * its port ({@code /proc/net/tcp} and {@code tcp6} give the listening socket's inode, {@code
 * /proc/<pid>/fd} who holds it; that needs the right to read the owner's descriptors, e.g. the same
 * user or root), else the one process whose command line matches.
 */
public final class LocalProcesses {

  private static final Path PROC = Path.of("/proc");

  private LocalProcesses() {}

  /**
   * The process listening on {@code port} when {@code host} is this machine; else, the only process
   * whose command line {@code fallback} accepts; else empty.
   */
  public static Optional<Long> serving(String host, int port, Predicate<String> fallback) {
    if (!local(host)) {
      return Optional.empty();
    }
    return listening(port).or(() -> onlyOne(fallback));
  }

  /** Whether {@code host} names this machine. */
  static boolean local(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isLoopbackAddress()
          || address.isAnyLocalAddress()
          || NetworkInterface.getByInetAddress(address) != null;
    } catch (IOException | RuntimeException unknown) {
      return false;
    }
  }

  /** The process holding a socket that listens on {@code port}, the topmost if several do. */
  static Optional<Long> listening(int port) {
    Set<String> sockets = new HashSet<>();
    for (String table : List.of("net/tcp", "net/tcp6")) {
      try {
        for (String line : Files.readAllLines(PROC.resolve(table))) {
          String[] f = line.trim().split("\\s+");
          // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is field 9
          if (f.length > 9
              && f[1].contains(":")
              && f[3].equals("0A")
              && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port) {
            sockets.add("socket:[" + f[9] + "]");
          }
        }
      } catch (IOException | RuntimeException unreadable) {
        // no IPv6, or not Linux
      }
    }
    if (sockets.isEmpty()) {
      return Optional.empty();
    }
    Set<Long> holders = new HashSet<>();
    for (long pid : pids()) {
      if (holds(pid, sockets)) {
        holders.add(pid);
      }
    }
    return holders.stream()
        .filter(pid -> ProcStat.of(pid).map(s -> !holders.contains(s.parent())).orElse(false))
        .findFirst();
  }

  private static boolean holds(long pid, Set<String> sockets) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
      for (Path fd : fds) {
        try {
          if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException | RuntimeException closed) {
          // the descriptor closed meanwhile
        }
      }
    } catch (IOException | RuntimeException notOurs) {
      // another user's process, or it ended
    }
    return false;
  }

  private static Optional<Long> onlyOne(Predicate<String> commandLine) {
    List<Long> matches =
        pids().stream().filter(pid -> commandLine.test(commandLine(pid))).limit(2).toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  /** The command line of {@code pid}, arguments separated by spaces; empty when unreadable. */
  static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(PROC.resolve(pid + "/cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }

  /** A PostgreSQL server's main process (postmaster), not one of its backends. */
  public static boolean postmaster(String commandLine) {
    String first = commandLine.split(" ", 2)[0].toLowerCase(Locale.ROOT);
    return (first.endsWith("/postgres") || first.equals("postgres") || first.endsWith("postmaster"))
        && commandLine.contains(" -D ");
  }

  private static List<Long> pids() {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .toList();
    } catch (IOException | RuntimeException notLinux) {
      return List.of();
    }
  }
}
