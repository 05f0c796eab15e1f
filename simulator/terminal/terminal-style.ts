// The look of the virtual terminal: a handheld POS device, sized for a ~400×700 window.

export const TERMINAL_STYLE = `
  * { box-sizing: border-box; }
  html, body { height: 100%; }
  body {
    margin: 0; display: flex; align-items: center; justify-content: center;
    font: 15px/1.4 "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #17202c;
    background: radial-gradient(circle at 30% 20%, #3b4250, #161a21 70%);
  }
  .device {
    width: min(380px, calc(100vw - 16px)); height: min(680px, calc(100vh - 16px));
    background: linear-gradient(160deg, #2b3038, #14171c); border-radius: 30px; padding: 16px 14px 22px;
    box-shadow: 0 20px 50px rgba(0, 0, 0, .55), inset 0 1px 0 rgba(255, 255, 255, .08);
    display: flex; flex-direction: column; gap: 12px;
  }
  .slot { height: 6px; width: 46%; margin: 0 auto; border-radius: 3px; background: #0b0d10; box-shadow: inset 0 1px 2px #000; }
  .screen { flex: 1; background: #f7f8fa; border-radius: 16px; overflow: hidden; display: flex; flex-direction: column; }
  .status { display: flex; justify-content: space-between; align-items: center; padding: 8px 14px; background: #226db4; color: #fff; font-size: 12px; font-weight: 600; }
  .status .brand { letter-spacing: .3px; }
  .content { flex: 1; padding: 18px 18px 16px; display: flex; flex-direction: column; min-height: 0; }
  section { flex: 1; display: flex; flex-direction: column; min-height: 0; }
  section[hidden] { display: none; }
  .centered { align-items: center; justify-content: center; text-align: center; gap: 10px; }
  h1 { font-size: 20px; margin: 0; }
  .muted { color: #5d6675; margin: 0; }
  .icon { width: 72px; height: 72px; border-radius: 50%; display: grid; place-items: center; font-size: 36px; font-weight: 700; color: #fff; }
  .icon.ready { background: #e8f0fa; color: #226db4; font-size: 30px; }
  .icon.ok { background: #1b8a4b; }
  .icon.bad { background: #c62f2f; }
  .icon.wait { background: #8a93a3; }
  .label { font-size: 12px; text-transform: uppercase; letter-spacing: .6px; color: #5d6675; margin: 0; }
  .amount { font-size: 38px; font-weight: 700; margin: 2px 0 12px; font-variant-numeric: tabular-nums; }
  dl { margin: 0 0 12px; display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; font-size: 14px; }
  dt { color: #5d6675; }
  dd { margin: 0; text-align: right; overflow-wrap: anywhere; }
  .methods { display: flex; background: #e6e9ee; border-radius: 10px; padding: 3px; margin-bottom: 10px; }
  .methods label { position: relative; flex: 1; text-align: center; padding: 7px 0; border-radius: 8px; font-weight: 600; color: #3b4453; }
  /* The radio itself covers its label, invisible, so that clicks and keys reach it directly. */
  .methods input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; }
  .methods input:disabled { cursor: not-allowed; }
  .methods input:checked + span { color: #0f1722; }
  .methods label:has(input:checked) { background: #fff; box-shadow: 0 1px 3px rgba(0, 0, 0, .15); }
  .methods label:has(input:disabled) { color: #a3aab6; }
  .methods label:has(input:focus-visible) { outline: 3px solid #f0b429; }
  .timer { font-size: 13px; color: #5d6675; margin: 0 0 10px; font-variant-numeric: tabular-nums; }
  .timer.low { color: #c62f2f; font-weight: 600; }
  .spacer { flex: 1; }
  .decline { border-top: 1px solid #e1e4e9; padding-top: 10px; margin-top: 8px; display: grid; gap: 6px; }
  select { font: inherit; padding: 7px 8px; border: 1px solid #c3c9d3; border-radius: 8px; background: #fff; width: 100%; }
  .check { font-size: 13px; color: #3b4453; display: flex; gap: 6px; align-items: center; }
  button { font: inherit; font-weight: 700; border-radius: 12px; padding: 13px; cursor: pointer; width: 100%; border: 2px solid transparent; }
  button:focus-visible, select:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
  button:disabled { opacity: .6; cursor: wait; }
  .primary { background: #226db4; color: #fff; }
  .approve { background: #1b8a4b; color: #fff; font-size: 17px; }
  .danger { background: #fff; color: #b42525; border-color: #d46a6a; }
  .plain { background: #fff; color: #226db4; border-color: #9fbde0; }
  .message { min-height: 20px; font-size: 13px; color: #b42525; margin: 8px 0 0; text-align: center; }
  .spinner { width: 56px; height: 56px; border-radius: 50%; border: 6px solid #d6dde8; border-top-color: #226db4; animation: spin .8s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }
  .keys { display: flex; justify-content: center; gap: 10px; }
  .keys span { width: 44px; height: 8px; border-radius: 4px; background: #3a4049; }
  .keys span:first-child { background: #b33a3a; } .keys span:last-child { background: #2f8a52; }
`;
