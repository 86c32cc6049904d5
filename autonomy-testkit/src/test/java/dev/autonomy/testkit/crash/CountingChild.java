package dev.autonomy.testkit.crash;

/**
 * A child for {@link AcknowledgementsTest}: prints 0, 1, 2, ... one a line, forever; with an argument {@code n}, it
 * prints 0 to n - 1, says so on its standard error and ends with status 2.
 */
public final class CountingChild {

    private CountingChild() {
    }

    public static void main(String[] args) {
        long end = args.length > 0 ? Long.parseLong(args[0]) : Long.MAX_VALUE;
        for (long i = 0; i < end; i++) {
            System.out.println(i);
        }
        System.err.println("counted to " + end);
        System.exit(2);
    }
}
