package org.tokenauth.container;

/**
 * The connection to the other servers of a cluster, if any. The contract, for this implementation
 * and any other (PostgreSQL's {@code LISTEN/NOTIFY} would fit it where there is no data grid):
 * <ul>
 * <li>{@link #publish} is called after the change's transaction has committed; it may lose a message
 *     (the safety nets cover that) but never throws;</li>
 * <li>every other node receives what a node publishes, within milliseconds, in any order; receivers
 *     apply each message idempotently;</li>
 * <li>the {@code missed} callback runs whenever this node may have missed messages (it merged back
 *     after a split, or members left and came back), so that it reads its state from the database.</li>
 * </ul>
 */
interface GridLink {

    void publish(String message);

    /** Whether other nodes can exist: a real cluster is configured, not a grid of one. */
    boolean clustered();

    void close();

    /** A single server: nothing to tell. */
    GridLink NONE = new GridLink() {
        @Override
        public void publish(String message) {
        }

        @Override
        public boolean clustered() {
            return false;
        }

        @Override
        public void close() {
        }
    };
}
