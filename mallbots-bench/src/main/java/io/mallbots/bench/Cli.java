package io.mallbots.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command lines of {@code make bench} and {@code make chaos} on picocli: an unknown or misspelt
 * option is an error, {@code --x=y} and {@code --x y} both work, and every option falls back to an
 * environment variable ({@code <PREFIX><OPTION>}, e.g. {@code BENCH_CONCURRENCY}) before its
 * default. The flag wins.
 */
public final class Cli {

  private Cli() {}

  /**
   * The parsed options, or how {@code main} ends when there are none ({@code --help}: 0; a bad
   * command line: 2).
   */
  public record Outcome<T>(T options, int exitStatus) {}

  /**
   * A picocli command line over {@code command} (an {@code @Command} with {@code @Option} fields)
   * whose defaults come from {@code env}: {@code prefix} + the option's long name in capitals
   * ({@code --probe-time} reads {@code BENCH_PROBE_TIME}), else the variable {@code fallbacks}
   * names for that option, else the annotation's.
   */
  public static CommandLine of(
      Object command, String prefix, Map<String, String> env, Map<String, String> fallbacks) {
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(argument -> fromEnvironment(argument, prefix, env, fallbacks));
    // make bench passes --broker $(BROKER) before BENCH_ARGS, which may name the broker again: the
    // last one wins.
    cli.setOverwrittenOptionsAllowed(true);
    cli.setExpandAtFiles(false);
    cli.setUsageHelpWidth(110);
    cli.setUsageHelpLongOptionsMaxWidth(32);
    return cli;
  }

  /**
   * The environment variable an option falls back to, e.g. {@code BENCH_PROBE_TIME} for {@code
   * --probe-time}.
   */
  public static String variable(String prefix, OptionSpec option) {
    return prefix
        + option.longestName().replaceFirst("^--", "").toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String fromEnvironment(
      ArgSpec argument, String prefix, Map<String, String> env, Map<String, String> fallbacks) {
    if (!(argument instanceof OptionSpec option) || option.usageHelp()) {
      return null;
    }
    String value = env.get(variable(prefix, option));
    if (value == null || value.isBlank()) {
      String fallback = fallbacks.get(option.longestName());
      value = fallback == null ? null : env.get(fallback);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * Parses {@code args} into the command; returns whether {@code --help} was asked for. Fails with
   * an {@link IllegalArgumentException} that names the option (and what a misspelt one probably
   * meant).
   */
  public static boolean parse(CommandLine cli, String[] args) {
    try {
      return cli.parseArgs(args).isUsageHelpRequested();
    } catch (UnmatchedArgumentException e) {
      List<String> suggestions = e.getSuggestions();
      throw new IllegalArgumentException(
          e.getMessage()
              + (suggestions.isEmpty()
                  ? ""
                  : "; did you mean " + String.join(" or ", suggestions) + "?"),
          e);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * What {@code main} does with its arguments: the options, or the usage on {@code out} for {@code
   * --help} (status 0), or the error and the usage on {@code err} (status 2).
   */
  public static <T> Outcome<T> parse(
      CommandLine cli,
      String[] args,
      Function<CommandLine, T> options,
      PrintStream out,
      PrintStream err) {
    try {
      if (parse(cli, args)) {
        cli.usage(out);
        return new Outcome<>(null, 0);
      }
      return new Outcome<>(options.apply(cli), 0);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println();
      cli.usage(err);
      return new Outcome<>(null, 2);
    }
  }
}
