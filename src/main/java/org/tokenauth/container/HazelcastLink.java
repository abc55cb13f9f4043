package org.tokenauth.container;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.topic.ITopic;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Payara's data grid (Hazelcast 5.3, bound in JNDI at {@code payara/Hazelcast}): a topic of text
 * messages, 1 ms from node to node on loopback. Not a CDI bean, and loaded by name only once the
 * grid was found, so that no server without Hazelcast ever loads it.
 *
 * <p>A node never hears of its own joining, so it reads its state at start anyway; it may have missed
 * messages when it merges back after a split ({@code MERGED}), and when members left and others came
 * (the surviving side of a split): then it says so.
 */
final class HazelcastLink implements GridLink {

    private static final Logger LOG = Logger.getLogger(HazelcastLink.class.getName());

    private final HazelcastInstance grid;
    private final ITopic<String> topic;
    private final UUID messages;
    private final UUID membership;
    private final UUID lifecycle;
    private volatile boolean membersLeft;

    HazelcastLink(Object instance, String topicName, Consumer<String> receiver, Runnable missed) {
        grid = (HazelcastInstance) instance;
        topic = grid.getTopic(topicName);
        messages = topic.addMessageListener(message -> receiver.accept(message.getMessageObject()));
        membership = grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                if (membersLeft) {
                    membersLeft = false;
                    missed.run();
                }
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                membersLeft = true;
            }
        });
        lifecycle = grid.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                missed.run();
            }
        });
    }

    @Override
    public void publish(String message) {
        try {
            topic.publish(message);
        } catch (RuntimeException e) {
            // the grid is stopping or not ready: the safety nets cover a lost message
            LOG.log(Level.FINE, "could not publish an announcement", e);
        }
    }

    @Override
    public boolean clustered() {
        // with Payara's --nocluster none of these is enabled (a grid of one, found by Payara's own discovery)
        JoinConfig join = grid.getConfig().getNetworkConfig().getJoin();
        return join.getTcpIpConfig().isEnabled() || join.getMulticastConfig().isEnabled() || join.getKubernetesConfig().isEnabled();
    }

    @Override
    public void close() {
        topic.removeMessageListener(messages);
        grid.getCluster().removeMembershipListener(membership);
        grid.getLifecycleService().removeLifecycleListener(lifecycle);
    }
}
