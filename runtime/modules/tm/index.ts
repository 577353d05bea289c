// tm public surface: the script functions under their script names (generated code imports these).
export {
  t_relay,
  t_relay_to_udp,
  t_relay_to_tcp,
  t_newtran,
  t_reply,
  t_on_failure,
  t_on_negative,
  t_on_reply,
  t_on_branch,
  t_check_status,
  t_check_trans,
  t_lookup_request,
  t_release,
  t_set_fr,
  t_is_canceled,
  t_was_cancelled,
} from './tm.js';
export { tmReply } from './reply.js';
export { TmTransaction, transactionOf } from './state.js';
