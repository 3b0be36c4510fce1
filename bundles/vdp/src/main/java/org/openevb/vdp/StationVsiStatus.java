package org.openevb.vdp;

/**
 * A station's view of one VSI, for commands and tests.
 *
 * @param vsi            the definition, with the filter as the bridge last answered it
 * @param state          the state the last successful exchange established
 * @param lastCommand    the last command sent (a keep-alive repeats the established one), null if none
 * @param pending        the command waiting for its answer, null if none
 * @param lastResponse   the status of the last answer, null if none came
 * @param lastOutcome    how the last exchange ended
 * @param lastAnswerAt   clock value of the last answer, {@link Long#MIN_VALUE} if none
 * @param succeeded      exchanges answered with success
 * @param failed         exchanges refused, timed out or given up
 * @param keepAlivesSent keep-alives sent
 * @param hints          the status byte of the last command: 0, {@code STATUS_M_BIT} or {@code STATUS_S_BIT}
 * @param announced      RARP announcements sent for its MACs after migrations (one per MAC and round)
 */
public record StationVsiStatus(Vsi vsi, VsiState state, VdpCommand lastCommand, VdpCommand pending,
        VdpResponse lastResponse, StationOutcome lastOutcome, long lastAnswerAt, long succeeded, long failed,
        long keepAlivesSent, int hints, long announced) {
}
