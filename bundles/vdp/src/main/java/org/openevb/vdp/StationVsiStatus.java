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
 */
public record StationVsiStatus(Vsi vsi, VsiState state, VdpCommand lastCommand, VdpCommand pending,
        VdpResponse lastResponse, StationOutcome lastOutcome, long lastAnswerAt, long succeeded, long failed,
        long keepAlivesSent) {
}
