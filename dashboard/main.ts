/** Entry of the dashboard bundle (vite.dashboard.config.ts): registers the elements. */
import "./chatref-dashboard";
